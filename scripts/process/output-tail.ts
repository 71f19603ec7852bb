/** Keeps the last lines a child process printed, so a failure report can show why it died. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 40) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  text(): string {
    return this.lines.join('\n');
  }
}
