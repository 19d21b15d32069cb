namespace OrleansQueue.Grains;

/// <summary>How one call of a put ended.</summary>
/// <param name="Outcome">Stored, still waiting, or cancelled.</param>
/// <param name="Ticket">The place in line to hand back on the next call when the wait ran out.</param>
/// <param name="Capacity">The partition's item limit, for the message of a failed put.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.PutResult")]
public sealed record PutResult(WaitOutcome Outcome, long Ticket, int Capacity) : IWaitResult;
