/** Types of scripts/docs.mjs for the docs test. */
export const ROOT: string;
export const FIX: string;
export function splitArgs(line: string): string[];
export function plenary(args: readonly string[]): { code: number; stdout: string; stderr: string };
export function refreshOutputs(text: string): string;
export function runSession(files: readonly string[], block: string): string;
export function commandNames(): string[];
export function cliReference(): string;
export function scenarioReference(): string;
export function documents(): string[];
export function expectedDocs(): Map<string, string>;
export function staleDocs(): string[];
