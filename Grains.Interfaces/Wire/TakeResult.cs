using System.Collections.Immutable;

namespace OrleansQueue.Grains;

/// <summary>How one call of a get ended.</summary>
/// <param name="Outcome">Items received, still waiting, or cancelled.</param>
/// <param name="Items">The removed items, oldest first; empty unless <paramref name="Outcome"/> is completed.</param>
/// <param name="Ticket">The place in line to hand back on the next call when the wait ran out.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.TakeResult")]
public sealed record TakeResult(WaitOutcome Outcome, ImmutableArray<byte[]> Items, long Ticket) : IWaitResult;
