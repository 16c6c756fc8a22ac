#!/bin/sh
# bin/switchboard of the .tar.gz: runs the gateway's command line (serve, token, backup, restore, ...)
# on the Java runtime beside it. JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-XX:TieredStopAtLevel=1.
# Symbolic links to this script (e.g. /usr/local/bin/switchboard) are followed.
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
exec "$home/runtime/bin/java" -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true ${JAVA_OPTS:-} \
    -jar "$home/lib/switchboard-server.jar" "$@"
