#!/usr/bin/env bash
# Builds a local stand-in for the official Node 20 image from this machine's own
# node, npm and CA bundle, and prints its name.
#
# Why it exists: CI machines for this project reach the npm registry and Debian's
# apt mirror, but no image registry, so `FROM node:20.x-bookworm-slim` cannot be
# pulled. The Dockerfiles stay exactly as users run them; the container test passes
# this image as the NODE_IMAGE build argument instead. It is never pushed anywhere.
#
# What it holds (FROM scratch): node and npm laid out as in the official image
# (/usr/local/bin, /usr/local/lib/node_modules/npm), the glibc libraries node and
# libsql's native binary load (plus librt, libresolv and the NSS modules that glibc
# opens at run time for name resolution), /bin/sh and /usr/bin/env for npm's
# scripts, a `node` user with uid 1000 as in the official image, and the host's CA
# bundle with NODE_EXTRA_CA_CERTS pointing at it — without that, `npm ci` inside a
# build fails on the certificate chain of the proxy this machine reaches the
# registry through.
#
# Usage: infra/docker/build-local-node-image.sh [image-name]   (default blog-local/node:<host node version>)
set -euo pipefail

node_bin="$(command -v node)"
node_version="$("$node_bin" -p 'process.versions.node')"
image="${1:-blog-local/node:${node_version}}"
npm_dir="$(npm root -g)/npm"
ca_bundle="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"

[[ -f "$npm_dir/bin/npm-cli.js" ]] || { echo "npm not found at $npm_dir" >&2; exit 1; }
[[ -f "$ca_bundle" ]] || { echo "CA bundle not found at $ca_bundle" >&2; exit 1; }

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
root="$staging/rootfs"

# Debian's merged /usr layout, so paths that ldd prints (/lib/...) resolve the same way.
mkdir -p "$root"/usr/{bin,lib,lib64,local/bin,local/lib/node_modules} "$root"/{etc/ssl/certs,root,tmp,home/node}
ln -s usr/bin "$root/bin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"

# Copies a file to the same path inside the image, following symlinks.
copy_in() {
  local source="$1"
  local target="$root${source}"
  # /lib is a symlink inside the image: write through its real location.
  target="${target/#$root\/lib64\//$root/usr/lib64/}"
  target="${target/#$root\/lib\//$root/usr/lib/}"
  target="${target/#$root\/bin\//$root/usr/bin/}"
  mkdir -p "$(dirname "$target")"
  cp -L "$source" "$target"
}

# Every shared library a binary loads, as absolute paths.
libraries_of() {
  ldd "$1" | awk '/=> \// { print $3 } /^[ \t]*\/[^ ]+ \(/ { print $1 }'
}

cp -L "$node_bin" "$root/usr/local/bin/node"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

shell_bin="$(readlink -f /bin/sh)"
env_bin="$(readlink -f /usr/bin/env)"
cp -L "$shell_bin" "$root/usr/bin/sh"
cp -L "$env_bin" "$root/usr/bin/env"

libc_dir="$(dirname "$(libraries_of "$node_bin" | grep '/libc\.so' | head -n1)")"
{
  libraries_of "$node_bin"
  libraries_of "$shell_bin"
  libraries_of "$env_bin"
  # Loaded by libsql's native binary (@libsql/linux-x64-gnu) and by glibc itself at run time.
  for name in libdl.so.2 librt.so.1 libpthread.so.0 libm.so.6 libgcc_s.so.1 libstdc++.so.6 \
              libresolv.so.2 libnss_files.so.2 libnss_dns.so.2; do
    [[ -e "$libc_dir/$name" ]] && echo "$libc_dir/$name"
  done
} | sort -u | while read -r library; do copy_in "$library"; done

cp -L "$ca_bundle" "$root/etc/ssl/certs/ca-certificates.crt"
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
node:x:1000:1000::/home/node:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
node:x:1000:
nogroup:x:65534:
GROUP
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"

# When this machine reaches npm through another registry than the public one, npm in
# the image must too. Only the registry's address goes in (npm's global config of the
# image), never a credential: this image is local and never pushed, but it is the base
# of every runtime image built on it.
registry="$(npm config get registry 2>/dev/null || true)"
if [[ -n "$registry" && "$registry" != "https://registry.npmjs.org/" ]]; then
  mkdir -p "$root/usr/local/etc"
  echo "registry=$registry" > "$root/usr/local/etc/npmrc"
fi

# COPY would make every file root's; a tar added with ADD keeps the owners it was
# written with, which is how /home/node belongs to the node user as in the official image.
tar -C "$root" --exclude=./home/node --owner=0 --group=0 --numeric-owner -cf "$staging/rootfs.tar" .
tar -C "$root" --no-recursion --owner=1000 --group=1000 --numeric-owner -cf "$staging/home-node.tar" ./home/node
rm -rf "$root"

cat > "$staging/Dockerfile" <<DOCKERFILE
FROM scratch
ADD rootfs.tar /
ADD home-node.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    NODE_VERSION=${node_version} \\
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
LABEL org.opencontainers.image.description="Local stand-in for node:${node_version}-bookworm-slim, built from the host's node for offline image builds"
CMD ["node"]
DOCKERFILE

docker build --quiet --tag "$image" "$staging" >/dev/null
# Smoke test: node runs, npm runs, the node user exists.
docker run --rm --user node "$image" node -e 'process.exit(require("os").userInfo().uid === 1000 ? 0 : 1)'
docker run --rm "$image" npm --version >/dev/null
echo "$image"
