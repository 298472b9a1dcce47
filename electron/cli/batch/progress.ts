// A progress line for batch runs: files done of total, the current file, and an ETA from the pace so far.
export class Progress {
  private readonly started = Date.now();
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  private eta(): string {
    if (this.done === 0) return '--:--';
    const left = ((Date.now() - this.started) / this.done) * (this.total - this.done);
    const s = Math.round(left / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }

  private line(label: string): string {
    const width = 24;
    const filled = this.total ? Math.round((this.done / this.total) * width) : width;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ETA ${this.eta()} ${label}`;
  }

  update(label: string): void {
    if (this.out.isTTY) this.out.write(`\r\x1b[K${this.line(label).slice(0, (this.out.columns || 100) - 1)}`);
  }

  step(message: string): void {
    this.done++;
    if (this.out.isTTY) this.out.write('\r\x1b[K');
    this.out.write(`${this.line(message)}\n`);
  }
}
