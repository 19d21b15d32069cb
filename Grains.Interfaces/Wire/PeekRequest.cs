namespace OrleansQueue.Grains;

/// <summary>One call of an iteration: read, without removing, the items from a sequence number on.</summary>
/// <param name="FromSequence">The first sequence number wanted; items already removed are skipped.</param>
/// <param name="MaxWait">How long this call may wait for a new item when there is none from that sequence number; zero answers at once.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.PeekRequest")]
public sealed record PeekRequest(long FromSequence, TimeSpan MaxWait);
