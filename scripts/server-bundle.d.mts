export declare const ROOT: string;
export declare const BUNDLE: string;
export declare function newestInput(): number;
export declare function bundleIsFresh(): boolean;
