/** Speed and time left of a transfer, from the bytes received over the last few seconds. */
export interface TransferStats {
  received: number;
  total?: number;
  bytesPerSecond: number;
  /** Undefined while the total or the speed is unknown. */
  secondsLeft?: number;
}

export class TransferMeter {
  private readonly samples: { time: number; received: number }[] = [];

  constructor(private readonly windowMs = 3000, private readonly now: () => number = () => performance.now()) {}

  sample(received: number, total?: number): TransferStats {
    const time = this.now();
    this.samples.push({ time, received });
    while (this.samples.length > 2 && time - this.samples[0].time > this.windowMs) this.samples.shift();
    const first = this.samples[0];
    const seconds = (time - first.time) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.max(0, received - first.received) / seconds : 0;
    const secondsLeft = total !== undefined && bytesPerSecond > 0 ? Math.max(0, total - received) / bytesPerSecond : undefined;
    return { received, total, bytesPerSecond, secondsLeft };
  }
}
