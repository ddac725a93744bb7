// Eleventy 3 ships JavaScript without type declarations; these cover the parts this project uses.
declare module "@11ty/eleventy" {
  export interface EleventyUserConfig {
    addGlobalData(name: string, data: unknown): void;
    /** A template that exists only in the config (Eleventy 3): `data` is its front matter. */
    addTemplate(virtualInputPath: string, content: string, data?: Record<string, unknown>): void;
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    addShortcode(name: string, fn: (...args: never[]) => unknown): void;
    /** Called with each page's output before it is written; returns what is written. */
    addTransform(name: string, fn: (content: unknown) => unknown): void;
    addPassthroughCopy(mapping: string | Record<string, string>): void;
    addWatchTarget(target: string): void;
    setTemplateFormats(formats: string[]): void;
    setIncludesDirectory(dir: string): void;
    setLayoutsDirectory(dir: string): void;
    setDataDirectory(dir: string): void;
    setQuietMode(quiet: boolean): void;
    setServerOptions(options: Record<string, unknown>): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    setServerPassthroughCopyBehavior(behavior: "copy" | "passthrough"): void;
    setUseGitIgnore(use: boolean): void;
    ignores: { add(glob: string): void };
    on(event: string, fn: (...args: never[]) => unknown): void;
  }

  export interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    runMode?: "build" | "serve" | "watch";
    config?: (config: EleventyUserConfig) => void | Promise<void>;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    setIsVerbose(verbose: boolean): void;
    disableLogger(): void;
  }
}
