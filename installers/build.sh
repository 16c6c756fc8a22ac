#!/bin/sh
# installers/build.sh: builds the Linux packages of Switchboard into installers/target/:
#   switchboard-server_<version>_amd64.deb   gateway, jlink'ed runtime, systemd unit (no Java needed on the host)
#   switchboard-console_<version>_amd64.deb  operations console with its own runtime (JavaFX included)
#   switchboard-server-<version>-linux-x64.tar.gz  gateway and runtime for other Linux distributions
# Usage: installers/build.sh [--revision N] [server|console|tarball ...]   (default: all three)
# Needs JDK 17 (jdeps, jlink, jpackage), dpkg-deb; builds the jars with Maven if they are missing.
# installers/README.md says what the packages install and why they are built this way.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
HERE=$ROOT/installers
OUT=$HERE/target
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK=$JAVA_HOME/bin
REVISION=1
WHAT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --revision) REVISION=$2; shift 2 ;;
        server|console|tarball) WHAT="$WHAT $1"; shift ;;
        *) echo "usage: installers/build.sh [--revision N] [server|console|tarball ...]" >&2; exit 2 ;;
    esac
done
[ -n "$WHAT" ] || WHAT="server console tarball"

# The project's version (root pom), in Debian's form: 0.1.0-SNAPSHOT sorts before 0.1.0 as 0.1.0~SNAPSHOT.
UPSTREAM=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
DEBVERSION=$(echo "$UPSTREAM" | tr '-' '~')-$REVISION
mkdir -p "$OUT"

step() { echo "== $*" >&2; }

# The jars, built when missing (offline first: the local repository usually has everything).
jars() {
    if [ ! -f server/target/switchboard-server.jar ] || [ ! -f console-app/target/switchboard-console.jar ]; then
        step "building the jars (mvn package)"
        mvn -B -o -q -DskipTests package -pl server,console-app -am || mvn -B -q -DskipTests package -pl server,console-app -am
    fi
}

# Depends: of a runtime: the Debian packages of the shared libraries its native code links to
# outside itself (Debian's JDK uses the system's zlib, libjpeg, freetype...), found with ldd and dpkg -S.
shlib_depends() {
    find "$1" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c '[ "$(head -c 4 "$1" | tail -c 3)" = ELF ] && ldd "$1"' _ {} \; 2>/dev/null \
        | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p' | grep -v "^$1" | sort -u \
        | while read -r lib; do dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true; done \
        | sed 's/:.*//' | sort -u | paste -sd, | sed 's/,/, /g'
}

# Writes DEBIAN/control of the tree $1 and builds the .deb $2. Files are owned by root in the
# package (--root-owner-group), whoever runs this.
build_deb() {
    tree=$1 deb=$2 package=$3 depends=$4 description=$5
    size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
    cat > "$tree/DEBIAN/control" <<CONTROL
Package: $package
Version: $DEBVERSION
Architecture: amd64
Maintainer: Switchboard developers <switchboard@localhost>
Installed-Size: $size
Depends: $depends
Section: net
Priority: optional
Description: $description
CONTROL
    sed -n '/^ /p' "$HERE/$package.description" >> "$tree/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >/dev/null
    echo "$deb"
}

# A jlink'ed runtime with the modules jdeps finds in jar $2, plus jdk.crypto.ec (loaded as a security
# provider for TLS with EC keys and ECDHE, so jdeps cannot see it), and a jpackage app image of jar $2
# with main class $3 on it, in $OUT/$1/image/$1. Further arguments go to jpackage.
# DESKTOP_LIBS=no drops the X11, splash-screen and sound libraries of a headless runtime.
app_image() {
    name=$1 jar=$2 main=$3
    shift 3
    step "$name: modules (jdeps)"
    modules=$("$JDK/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar"),jdk.crypto.ec
    echo "   $modules" >&2
    work=$OUT/$name
    rm -rf "$work" && mkdir -p "$work/input"
    cp "$jar" "$work/input/"
    step "$name: runtime (jlink)"
    "$JDK/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
        --output "$work/runtime"
    if [ "${DESKTOP_LIBS:-yes}" = no ]; then
        rm -f "$work/runtime/lib/libawt_xawt.so" "$work/runtime/lib/libsplashscreen.so" "$work/runtime/lib/libjsound.so"
    fi
    step "$name: application image (jpackage)"
    "$JDK/jpackage" --type app-image --name "$name" --app-version "$(echo "$UPSTREAM" | sed 's/-.*//')" \
        --input "$work/input" --main-jar "$(basename "$jar")" --main-class "$main" \
        --runtime-image "$work/runtime" --dest "$work/image" "$@"
}

server() {
    jar=server/target/switchboard-server.jar
    # The server is headless (java.desktop comes along for java.beans), so its package needs no X11
    # libraries. -XX:+ExitOnOutOfMemoryError: a node out of memory exits and systemd restarts it
    # (Restart=on-failure) instead of limping on with threads that died.
    DESKTOP_LIBS=no app_image switchboard "$jar" dev.switchboard.cli.Main \
        --java-options -XX:+ExitOnOutOfMemoryError --java-options -Djava.awt.headless=true \
        --description "Switchboard real-time gateway"
    work=$OUT/switchboard
    step "server: package tree"
    tree=$work/deb
    mkdir -p "$tree/DEBIAN" "$tree/opt" "$tree/usr/bin" "$tree/usr/lib/systemd/system" "$tree/etc/switchboard" \
        "$tree/usr/share/doc/switchboard-server"
    cp -a "$work/image/switchboard" "$tree/opt/switchboard"
    install -m 0755 "$HERE/server/switchboard" "$tree/usr/bin/switchboard"
    install -m 0644 "$HERE/server/switchboard.service" "$tree/usr/lib/systemd/system/switchboard.service"
    "$JDK/java" -cp "$jar" "$HERE/server/ConfFile.java" > "$tree/etc/switchboard/switchboard.conf"
    chmod 0644 "$tree/etc/switchboard/switchboard.conf"
    install -m 0644 "$HERE/README.md" "$tree/usr/share/doc/switchboard-server/README.md"
    install -m 0644 docs/tls.md "$tree/usr/share/doc/switchboard-server/tls.md"
    for script in postinst prerm postrm; do
        install -m 0755 "$HERE/server/$script" "$tree/DEBIAN/$script"
    done
    echo /etc/switchboard/switchboard.conf > "$tree/DEBIAN/conffiles"
    depends="passwd, $(shlib_depends "$tree/opt/switchboard")"
    build_deb "$tree" "$OUT/switchboard-server_${DEBVERSION}_amd64.deb" switchboard-server "$depends" \
        "Switchboard real-time gateway (server)"
}

console() {
    # The console runs as it does with 'java -jar': JavaFX (classes and its Linux natives) is inside the
    # shaded jar, on the class path; the runtime holds the JDK modules the jar uses. C1 only: the
    # console's own work is a few per cent of a core, and C2 compiling JavaFX for minutes after a
    # start was most of its CPU (docs/console.md, "The JIT").
    app_image switchboard-console console-app/target/switchboard-console.jar dev.switchboard.console.Launcher \
        --java-options -XX:TieredStopAtLevel=1 --icon "$HERE/console/switchboard-console.png" --description "Switchboard operations console"
    work=$OUT/switchboard-console
    step "console: package tree"
    tree=$work/deb
    mkdir -p "$tree/DEBIAN" "$tree/opt" "$tree/usr/bin" "$tree/usr/share/applications" \
        "$tree/usr/share/icons/hicolor/scalable/apps" "$tree/usr/share/icons/hicolor/256x256/apps" \
        "$tree/usr/share/doc/switchboard-console"
    cp -a "$work/image/switchboard-console" "$tree/opt/switchboard-console"
    ln -s /opt/switchboard-console/bin/switchboard-console "$tree/usr/bin/switchboard-console"
    install -m 0644 "$HERE/console/switchboard-console.desktop" "$tree/usr/share/applications/"
    install -m 0644 "$HERE/console/switchboard-console.svg" "$tree/usr/share/icons/hicolor/scalable/apps/"
    install -m 0644 "$HERE/console/switchboard-console.png" "$tree/usr/share/icons/hicolor/256x256/apps/"
    install -m 0644 docs/console.md "$tree/usr/share/doc/switchboard-console/console.md"
    # GTK 3 is loaded by JavaFX at run time (dlopen), so ldd does not see it.
    depends="libgtk-3-0, $(shlib_depends "$tree/opt/switchboard-console")"
    build_deb "$tree" "$OUT/switchboard-console_${DEBVERSION}_amd64.deb" switchboard-console "$depends" \
        "Switchboard operations console"
}

# switchboard-server-<version>-linux-x64.tar.gz for other distributions: the server's runtime (from
# the server package's build), the jar, bin/switchboard and the commented configuration.
tarball() {
    [ -d "$OUT/switchboard/runtime" ] || server
    step "tarball"
    dir=switchboard-server-$UPSTREAM
    work=$OUT/tarball
    rm -rf "$work" && mkdir -p "$work/$dir/bin" "$work/$dir/lib" "$work/$dir/conf"
    cp -a "$OUT/switchboard/runtime" "$work/$dir/runtime"
    cp server/target/switchboard-server.jar "$work/$dir/lib/"
    install -m 0755 "$HERE/server/switchboard.sh" "$work/$dir/bin/switchboard"
    "$JDK/java" -cp server/target/switchboard-server.jar "$HERE/server/ConfFile.java" \
        | sed 's|^data.dir=/var/lib/switchboard/data|#data.dir=./data|' > "$work/$dir/conf/switchboard.conf"
    install -m 0644 "$HERE/README.md" "$work/$dir/README.md"
    tar -C "$work" --owner=0 --group=0 -czf "$OUT/$dir-linux-x64.tar.gz" "$dir"
    echo "$OUT/$dir-linux-x64.tar.gz"
}

jars
for w in $WHAT; do
    start=$(date +%s)
    "$w"
    echo "   $w: $(( $(date +%s) - start )) s" >&2
done
