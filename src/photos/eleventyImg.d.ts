// @11ty/eleventy-img ships JavaScript without type declarations; this covers the call src/photos/processPhotos.ts makes.
declare module "@11ty/eleventy-img" {
  export interface ImageOptions {
    widths: number[];
    formats: string[];
    outputDir: string;
    urlPath?: string;
    filenameFormat?: (id: string, src: unknown, width: number, format: string) => string;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    useCache?: boolean;
    minimumThreshold?: number;
    fixOrientation?: boolean;
  }
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    filename: string;
    outputPath: string;
    size: number;
  }
  export default function Image(src: string | Buffer, options: ImageOptions): Promise<Record<string, ImageStat[]>>;
}
