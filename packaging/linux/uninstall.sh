#!/bin/sh
# Removes a per-user Ramal installed by install.sh (settings, history and logs are kept).
set -eu
prefix=${PREFIX:-$HOME/.local}
rm -rf "$prefix/opt/ramal"
rm -f "$prefix/bin/ramal" "$prefix/share/applications/ramal.desktop"
find "$prefix/share/icons/hicolor" -name 'ramal.png' -o -name 'ramal.svg' 2>/dev/null \
  | while read -r icon; do rm -f "$icon"; done
command -v update-desktop-database >/dev/null 2>&1 \
  && update-desktop-database -q "$prefix/share/applications" || true
echo "Ramal removido (configurações e histórico ficam em ~/.config/Ramal e ~/.local/share/Ramal)"
