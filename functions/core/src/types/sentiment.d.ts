declare module "sentiment" {
  interface AnalyzeResult {
    score: number;
    comparative: number;
    tokens: string[];
    words: string[];
    positive: string[];
    negative: string[];
    calculation: Array<Record<string, number>>;
  }
  class Sentiment {
    analyze(phrase: string, options?: { language?: string; extras?: Record<string, number> }): AnalyzeResult;
  }
  export default Sentiment;
}
