/** Types of scripts/aliases.js (plain JavaScript so jest, webpack and the launcher read it without a compiler). */
export const ROOT: string;
export const ALIASES: Readonly<Record<string, string>>;
export function resolveAlias(request: string): string | undefined;
export function installAliases(): void;
export function jestModuleNameMapper(): Record<string, string>;
export function webpackAlias(): Record<string, string>;
