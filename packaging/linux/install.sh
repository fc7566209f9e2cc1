#!/bin/sh
# Installs Ramal for the current user from the unpacked tarball: no root needed.
#   ./install.sh               -> ~/.local/opt/ramal, ~/.local/bin/ramal, menu entry, icons,
#                                 and Ramal as the handler of tel:, sip: and callto: links
#   ./install.sh --no-handler  -> the same, but leave the link handlers as they are
#   PREFIX=/some/where ./install.sh   (default PREFIX: ~/.local)
# Uninstall: ~/.local/opt/ramal/uninstall.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
dest="$prefix/opt/ramal"
apps="$prefix/share/applications"
set_handler=1
[ "${1:-}" = "--no-handler" ] && set_handler=0

rm -rf "$dest"
mkdir -p "$dest" "$prefix/bin" "$apps" "$prefix/share/icons"
cp -a "$here/ramal/." "$dest/"
cp "$here/uninstall.sh" "$dest/uninstall.sh"
ln -sf "$dest/ramal" "$prefix/bin/ramal"
# the menu entry runs this copy by its absolute path (~/.local/bin may not be on PATH)
sed "s|^Exec=ramal |Exec=\"$dest/ramal\" |" "$here/share/applications/ramal.desktop" \
  > "$apps/ramal.desktop"
cp -R "$here/share/icons/hicolor" "$prefix/share/icons/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
  && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
if [ "$set_handler" = 1 ] && command -v xdg-mime >/dev/null 2>&1; then
  for scheme in tel sip callto; do
    xdg-mime default ramal.desktop "x-scheme-handler/$scheme" 2>/dev/null || true
  done
fi
echo "Ramal instalado em $dest"
echo "Verificação: $dest/ramal --self-test"
