#!/usr/bin/env bash
# Install the Debian packages the tests drive: Chromium (browser tests), CJK fonts (screenshots),
# nginx (serving test), LibreOffice and poppler (rendering the Word export). Does nothing when
# they are present; installs them when run as root (or with password-less sudo).
set -u
declare -A need=(
  [/usr/bin/chromium]=chromium
  [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]=fonts-noto-cjk
  [/usr/sbin/nginx]=nginx-light
  [/usr/bin/soffice]=libreoffice-writer-nogui
  [/usr/bin/pdftotext]=poppler-utils
)
missing=()
for path in "${!need[@]}"; do
  [ -e "$path" ] || missing+=("${need[$path]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "提示：缺少系统软件包 ${missing[*]}，需要管理员执行：apt-get install -y ${missing[*]}" >&2
  echo "      缺少时，依赖它们的测试会跳过（CI 中则会失败）。" >&2
  exit 0
fi
echo "安装系统软件包：${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
