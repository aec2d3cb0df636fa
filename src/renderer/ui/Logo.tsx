// The Relais mark: two speech paths relayed through a central node. Decorative: the name is text.
export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false" className="logo">
      <rect width="48" height="48" rx="12" fill="#1f3fbf" />
      <path d="M11 17a6 6 0 0 1 6-6h8a6 6 0 0 1 0 12h-3l-5 4v-4a6 6 0 0 1-6-6Z" fill="#fff" />
      <path d="M37 31a6 6 0 0 0-6-6h-8a6 6 0 0 0 0 12h3l5 4v-4a6 6 0 0 0 6-6Z" fill="#9db4ff" />
      <circle cx="24" cy="24" r="3" fill="#ffd23f" />
    </svg>
  );
}
