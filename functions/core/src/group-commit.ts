/**
 * Group commit: concurrent callers hand their items to one writer, so N webhook receipts arriving together cost one
 * database round trip instead of N. D1 runs one query at a time per database, so this is what lets ingestion scale
 * with concurrency instead of queueing behind itself.
 *
 * There is no background flusher: whoever finds the writer idle leads a batch with its own `write` (its own request
 * context, which it keeps alive because it awaits its own result), and when the batch is done the lead passes to the
 * oldest waiting caller. A caller whose batch does not settle in time writes its item alone, so a stuck leader can
 * delay a receipt but never lose or hang one; `write` must therefore be idempotent.
 * @module
 */

/** Writes items in one go; returns one result per item, in order. */
export type BatchWriter<In, Out> = (items: In[]) => Promise<Out[]>;

type Turn<Out> = { kind: "done"; out: Out } | { kind: "failed"; error: unknown } | { kind: "lead" };

interface Slot<In, Out> {
  item: In;
  settle(turn: Turn<Out>): void;
  /** Set when the lead is passed to this caller, in case its timeout fired first. */
  promoted?: boolean;
}

export interface GroupCommitOptions {
  /** Most items written together. */
  maxBatch: number;
  /** How long a caller waits for someone else's batch before writing its item alone. */
  timeoutMs: number;
}

export class GroupCommit<In, Out> {
  readonly #options: GroupCommitOptions;
  #pending: Slot<In, Out>[] = [];
  /** When the current leader took over; `undefined` when no batch is being written. */
  #leaderSince: number | undefined;

  constructor(options: GroupCommitOptions) {
    this.#options = options;
  }

  /** Resolves with this item's result once a batch holding it is written; rejects if that write failed. */
  async submit(item: In, write: BatchWriter<In, Out>): Promise<Out> {
    if (this.#leaderSince === undefined) return this.#lead({ item, settle: () => {} }, write);
    let timer!: ReturnType<typeof setTimeout>;
    let slot: Slot<In, Out> | undefined;
    const turn = await new Promise<Turn<Out> | { kind: "timeout" }>((resolve) => {
      slot = { item, settle: resolve };
      this.#pending.push(slot);
      timer = setTimeout(() => resolve({ kind: "timeout" }), this.#options.timeoutMs);
    });
    clearTimeout(timer);
    switch (turn.kind) {
      case "done":
        return turn.out;
      case "failed":
        throw turn.error;
      case "lead":
        return this.#lead(slot as Slot<In, Out>, write);
      case "timeout":
        if (slot?.promoted) return this.#lead(slot, write);
        this.#pending = this.#pending.filter((s) => s !== slot);
        // The leader is stuck (its request was cancelled mid-write, or the database hangs): stop waiting on it.
        if (this.#leaderSince !== undefined && Date.now() - this.#leaderSince >= this.#options.timeoutMs)
          this.#handOff();
        return (await write([item]))[0] as Out;
    }
  }

  /** Writes the leader's item with up to `maxBatch - 1` waiting ones, then passes the lead on. */
  async #lead(own: Slot<In, Out>, write: BatchWriter<In, Out>): Promise<Out> {
    this.#leaderSince = Date.now();
    const batch = [own, ...this.#pending.splice(0, this.#options.maxBatch - 1)];
    let outs: Out[] | undefined;
    let error: unknown;
    try {
      outs = await write(batch.map((slot) => slot.item));
    } catch (caught) {
      error = caught;
    }
    for (const [i, slot] of batch.entries()) {
      if (i > 0) slot.settle(outs ? { kind: "done", out: outs[i] as Out } : { kind: "failed", error });
    }
    this.#handOff();
    if (!outs) throw error;
    return outs[0] as Out;
  }

  /** Promotes the oldest waiting caller to leader, or marks the writer idle. */
  #handOff(): void {
    const next = this.#pending.shift();
    this.#leaderSince = next ? Date.now() : undefined;
    if (!next) return;
    next.promoted = true;
    next.settle({ kind: "lead" });
  }
}
