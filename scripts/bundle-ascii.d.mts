export declare function asciiBundle(code: string, map: { mappings: string; [k: string]: unknown }): { code: string; map: { mappings: string; [k: string]: unknown }; escaped: number };
