namespace OrleansQueue.Grains;

/// <summary>One call of a get: remove up to <paramref name="MaxCount"/> items from the head.</summary>
/// <param name="OperationId">Identifies the operation across its calls, so that the client can cancel it.</param>
/// <param name="MaxCount">The most items to remove.</param>
/// <param name="MaxWait">How long this call may wait for an item; zero answers at once.</param>
/// <param name="Ticket">The place in line from an earlier call of the same operation, or 0 on the first call.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.TakeRequest")]
public sealed record TakeRequest(Guid OperationId, int MaxCount, TimeSpan MaxWait, long Ticket);
