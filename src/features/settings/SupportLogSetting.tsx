export function SupportLogSetting() {
  return null;
}
