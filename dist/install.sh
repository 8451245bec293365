#!/usr/bin/env bash
# Builds Supply Desk and installs it for the current user: the binary in ~/.local/bin,
# the desktop entry and the icon where desktop environments look for them.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release
install -Dm755 target/release/supply-desk "$HOME/.local/bin/supply-desk"
install -Dm644 dist/supply-desk.desktop "$HOME/.local/share/applications/supply-desk.desktop"
install -Dm644 assets/icon.png "$HOME/.local/share/icons/hicolor/256x256/apps/supply-desk.png"
echo "Installed. Start Supply Desk from your applications menu, or run: supply-desk"
