/** The repository root. */
export declare const REPO_ROOT: string;
/** Absolute path of the shared data folder. */
export declare const SHARED_DATA: string;
/** True when the shared data folder exists. */
export declare const HAS_SHARED_DATA: boolean;
/** Path of a file inside the shared data folder. */
export declare function dataPath(...parts: string[]): string;
/** Reads a shared data file as bytes (a fresh Uint8Array, not a Buffer). */
export declare function readDataBytes(...parts: string[]): Uint8Array;
/** Reads a shared data file as UTF-8 text. */
export declare function readDataText(...parts: string[]): string;
/** `describe` that runs only when the shared data is present, and says so when it is not. */
export declare function describeWithData(name: string, fn: () => void): void;
//# sourceMappingURL=shared-data.d.ts.map
