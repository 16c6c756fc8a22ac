#!/bin/sh
# installers/test-install.sh: installs the server .deb into a scratch Debian root and runs its
# maintainer scripts for real (dpkg inside a chroot), then runs the unit's ExecStart as the user
# switchboard, publishes and receives an event over TLS, stops it with SIGTERM (exit 0 expected),
# upgrades to a rebuilt package (config edit, secret and data kept), removes (data kept) and purges
# (data gone). systemd-analyze verify checks the unit. Needs root (chroot, mount); the Debian root is
# made once with debootstrap (network) and cached in ~/.cache/switchboard-installers.
# systemd-analyze verify runs on the host's systemd (the scratch root has none) when it is there.
# What it cannot check without systemd as PID 1: systemd itself starting and stopping the unit (the
# scripts' calls of systemctl/deb-systemd-invoke are checked against stand-ins) and the sandboxing at run time.
# Usage: installers/test-install.sh      (builds the server package first; revision 2 is it repacked)
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAVA=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/switchboard-installers
BASE=$CACHE/bookworm-minbase.tar
HTTP_PORT=18480
WS_PORT=18481
started=$(date +%s)

say() { echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "test-install.sh needs root (chroot, mount); skipped" >&2; exit 77; }

# SWITCHBOARD_TEST_REUSE=1 reuses packages from an earlier run (when only this script changed).
OLD=$CACHE/switchboard-server-test-1.deb
NEW=$CACHE/switchboard-server-test-2.deb
mkdir -p "$CACHE"
if [ "${SWITCHBOARD_TEST_REUSE:-0}" != 1 ] || [ ! -f "$OLD" ] || [ ! -f "$NEW" ]; then
    say "packages (revision 1 and 2)"
    installers/build.sh --revision 1 server >/dev/null
    cp installers/target/switchboard-server_*-1_amd64.deb "$OLD"
    # Revision 2 is revision 1 packed again with the next version: what the upgrade tests is the
    # maintainer scripts and dpkg's handling of config and data, not a second jlink of the same jars.
    rm -rf "$CACHE/rev2" && dpkg-deb -R "$OLD" "$CACHE/rev2"
    sed -i 's/^\(Version: .*\)-1$/\1-2/' "$CACHE/rev2/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz --build "$CACHE/rev2" "$NEW" >/dev/null && rm -rf "$CACHE/rev2"
fi

if [ ! -f "$BASE" ]; then
    say "minimal Debian root (debootstrap, cached in $CACHE)"
    mkdir -p "$CACHE"
    tmp=$CACHE/bookworm-minbase.tmp
    rm -rf "$tmp"
    debootstrap --variant=minbase bookworm "$tmp" http://deb.debian.org/debian >"$CACHE/debootstrap.log" 2>&1
    tar -C "$tmp" -cf "$BASE" . && rm -rf "$tmp"
fi

R=$(mktemp -d /tmp/switchboard-root.XXXXXX)
# The scratch root gets its own /proc and its own device nodes, never a bind mount of the host's /dev:
# deleting the root must not be able to reach the host's files. It is deleted only once nothing is
# mounted below it, and then without crossing into another file system.
cleanup() {
    if [ -n "${pid:-}" ]; then kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    umount "$R/proc" 2>/dev/null || true
    if grep -q " $R/" /proc/mounts; then
        echo "still mounted below $R, not deleting it" >&2
    else
        rm -rf --one-file-system "$R"
    fi
}
trap cleanup EXIT
tar -C "$R" -xf "$BASE"
mkdir -p "$R/proc" "$R/dev"
mount -t proc proc "$R/proc"
for node in "null c 1 3" "zero c 1 5" "full c 1 7" "random c 1 8" "urandom c 1 9" "tty c 5 0"; do
    set -- $node
    [ -e "$R/dev/$1" ] || mknod -m 0666 "$R/dev/$1" "$2" "$3" "$4"
done
ln -sfn /proc/self/fd "$R/dev/fd"
# /usr/local/sbin first: the systemd stand-ins below live there.
in_root() { chroot "$R" /usr/bin/env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

# The package's shared-library dependencies (from its control file) come from Debian's mirror.
deps=$(dpkg-deb -f "$OLD" Depends | tr -d ',')
missing=$(for d in $deps; do in_root dpkg -s "$d" >/dev/null 2>&1 || echo "$d"; done)
if [ -n "$missing" ]; then
    say "dependencies: $missing"
    cp /etc/resolv.conf "$R/etc/resolv.conf"
    in_root apt-get -qq update && in_root apt-get -qq install -y --no-install-recommends $missing >/dev/null
    tar -C "$R" --exclude='./proc/*' -cf "$BASE.new" . && mv "$BASE.new" "$BASE" # cache them
fi

# The maintainer scripts' systemd branches run against stand-ins: /run/systemd/system exists (so the
# scripts believe systemd runs) and systemctl and deb-systemd-invoke only write down how they were
# called, in order, in /tmp/systemd-calls. deb-systemd-helper is the real one (enable, mask, purge).
mkdir -p "$R/run/systemd/system" "$R/usr/local/sbin"
for tool in systemctl deb-systemd-invoke; do
    printf '#!/bin/sh\necho "%s $*" >> /tmp/systemd-calls\n' "$tool" > "$R/usr/local/sbin/$tool"
    chmod 755 "$R/usr/local/sbin/$tool"
done
calls() { echo "-- $1" >> "$R/tmp/systemd-calls"; }
expect_calls() { # the starts and stops since marker $1 must be exactly $2 (lines joined by ';')
    got=$(sed -n "/^-- $1\$/,\$p" "$R/tmp/systemd-calls" | sed 1d | grep -v daemon-reload | paste -sd';')
    [ "$got" = "$2" ] || fail "$1: systemd calls were '$got', expected '$2'"
}

say "install revision 1"
cp "$OLD" "$R/tmp/old.deb" && cp "$NEW" "$R/tmp/new.deb"
calls install
in_root dpkg -i /tmp/old.deb > "$R/tmp/dpkg.log" 2>&1 || { cat "$R/tmp/dpkg.log"; fail "dpkg -i"; }
secret=$(sed -n 's/^SWITCHBOARD_TOKEN_SECRET=//p' "$R/etc/switchboard/secrets.env")
[ ${#secret} -ge 32 ] || fail "no token secret generated"
grep -q "$secret" "$R/tmp/dpkg.log" && fail "the secret was printed during install"
in_root getent passwd switchboard | grep -q nologin || fail "user switchboard"
[ "$(in_root stat -c '%a %U' /etc/switchboard/secrets.env)" = "600 switchboard" ] || fail "secrets.env mode/owner"
[ "$(in_root stat -c '%U' /var/lib/switchboard)" = switchboard ] || fail "/var/lib/switchboard owner"
expect_calls install "deb-systemd-invoke start switchboard.service"
[ -L "$R/etc/systemd/system/multi-user.target.wants/switchboard.service" ] || fail "not enabled"
in_root dpkg-query -W -f='${Conffiles}\n' switchboard-server | grep -q /etc/switchboard/switchboard.conf || fail "conffile"
in_root switchboard --help | grep -q restore || fail "switchboard on the PATH"
echo "user, data folder, secret (0600, not printed), conffile, /usr/bin/switchboard, enabled and started: ok"

if command -v systemd-analyze >/dev/null; then
    say "systemd-analyze verify"
    # On the host's systemd (the scratch root has none): the unit as installed, its ExecStart pointed
    # into the scratch root so that verify can check the program exists and is executable.
    mkdir -p "$R/tmp/verify"
    sed "s|^ExecStart=/opt/|ExecStart=$R/opt/|" "$R/usr/lib/systemd/system/switchboard.service" \
        > "$R/tmp/verify/switchboard.service"
    systemd-analyze verify --man=no "$R/tmp/verify/switchboard.service" 2>&1 | tee "$R/tmp/verify.log"
    [ -s "$R/tmp/verify.log" ] && fail "systemd-analyze verify reported the above"
    echo "ok"
fi

say "TLS certificate (a test CA) and an edited conffile"
tls=$R/etc/switchboard/tls
mkdir -p "$tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=install test CA" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$tls/privkey.pem" -out "$tls/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$tls/server.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile "$tls/server.ext" -out "$tls/fullchain.pem" 2>/dev/null
in_root chown -R root:switchboard /etc/switchboard/tls && chmod 0640 "$tls/privkey.pem"
conf=$R/etc/switchboard/switchboard.conf
sed -i -e 's|^#tls.cert-file=.*|tls.cert-file=/etc/switchboard/tls/fullchain.pem|' \
    -e 's|^#tls.key-file=.*|tls.key-file=/etc/switchboard/tls/privkey.pem|' \
    -e "s|^#http.port=.*|http.port=$HTTP_PORT|" -e "s|^#ws.port=.*|ws.port=$WS_PORT|" \
    -e 's|^#http.host=.*|http.host=127.0.0.1|' -e 's|^#drain.grace=.*|drain.grace=2s|' "$conf"

# ExecStart as the unit runs it: its user, working directory, EnvironmentFile and command line.
unit=$R/usr/lib/systemd/system/switchboard.service
value() { sed -n "s/^$1=//p" "$unit" | head -1; }
start_service() {
    log=$1
    chroot "$R" setpriv --reuid="$(value User)" --regid="$(value Group)" --init-groups --reset-env \
        sh -c "set -a; . $(value EnvironmentFile); set +a; cd $(value WorkingDirectory) && exec $(value ExecStart)" \
        > "$R/tmp/$log" 2>&1 &
    pid=$!
    i=0
    until grep -q "switchboard ready" "$R/tmp/$log" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 60 ] || { cat "$R/tmp/$log"; fail "the service did not start"; }
        kill -0 "$pid" 2>/dev/null || { cat "$R/tmp/$log"; fail "the service exited"; }
        sleep 1
    done
    grep "switchboard ready" "$R/tmp/$log"
}
stop_service() {
    kill -TERM "$pid"
    code=0; wait "$pid" || code=$?
    pid=""
    [ "$code" = 0 ] || { tail -20 "$R/tmp/$1"; fail "SIGTERM: exit $code, expected 0"; }
    echo "SIGTERM: exit 0"
}

ss -ltn | grep -q -E ":($HTTP_PORT|$WS_PORT) " && fail "port $HTTP_PORT or $WS_PORT is in use"
say "ExecStart as switchboard; publish and receive over TLS"
start_service run1.log
[ "$(stat -c %u "/proc/$pid")" = "$(in_root id -u switchboard)" ] || fail "not running as switchboard"
token=$(in_root switchboard token --user installer --role service --ttl 10m)
# The probe stays connected: SIGTERM must drain it (draining frame, close 1012), then exit 0.
"$JAVA" installers/test/WsProbe.java "https://127.0.0.1:$HTTP_PORT" "wss://127.0.0.1:$WS_PORT/ws" "$token" \
    install:room install-evt-1 "$tls/ca.pem" --await-drain > "$R/tmp/probe.log" 2>&1 &
probe=$!
i=0
until grep -q "^received:" "$R/tmp/probe.log"; do
    i=$((i + 1)); [ $i -lt 60 ] || { cat "$R/tmp/probe.log"; fail "publish/receive over TLS"; }
    kill -0 "$probe" 2>/dev/null || { cat "$R/tmp/probe.log"; fail "publish/receive over TLS"; }
    sleep 1
done
stop_service run1.log
wait "$probe" || { cat "$R/tmp/probe.log"; fail "the connected client was not drained"; }
cat "$R/tmp/probe.log"

say "upgrade to revision 2"
sum=$(md5sum < "$R/etc/switchboard/secrets.env")
calls upgrade
in_root dpkg -i /tmp/new.deb > "$R/tmp/dpkg2.log" 2>&1 || { cat "$R/tmp/dpkg2.log"; fail "upgrade"; }
expect_calls upgrade "deb-systemd-invoke stop switchboard.service;deb-systemd-invoke start switchboard.service"
in_root dpkg-query -W -f='${Version}\n' switchboard-server | grep -q -- '-2$' || fail "version after upgrade"
grep -q "^http.port=$HTTP_PORT" "$conf" || fail "the conffile edit was lost"
[ "$(md5sum < "$R/etc/switchboard/secrets.env")" = "$sum" ] || fail "the secret changed"
start_service run2.log
curl -sf --cacert "$tls/ca.pem" -H "Authorization: Bearer $token" \
    "https://127.0.0.1:$HTTP_PORT/api/rooms/install:room/events" | grep -q install-evt-1 || fail "event lost in upgrade"
echo "config, secret and the event kept"
stop_service run2.log

say "remove (data kept), install again, purge (data gone)"
calls remove
in_root dpkg -r switchboard-server >/dev/null
expect_calls remove "deb-systemd-invoke stop switchboard.service"
[ -d "$R/var/lib/switchboard/data" ] && [ -f "$R/etc/switchboard/secrets.env" ] || fail "remove deleted data or config"
[ ! -e "$R/opt/switchboard" ] || fail "remove left /opt/switchboard"
# Installed again after a remove: it carries on with the kept secret (postinst unmasks the unit).
in_root dpkg -i /tmp/new.deb >/dev/null 2>&1 || fail "install after remove"
[ "$(md5sum < "$R/etc/switchboard/secrets.env")" = "$sum" ] || fail "the secret changed on reinstall"
in_root dpkg -P switchboard-server >/dev/null
[ ! -e "$R/etc/systemd/system/multi-user.target.wants/switchboard.service" ] || fail "purge left the unit enabled"
[ ! -e "$R/var/lib/switchboard" ] && [ ! -e "$R/etc/switchboard" ] || fail "purge left data or config"
echo "ok"

say "passed in $(( $(date +%s) - started )) s"
