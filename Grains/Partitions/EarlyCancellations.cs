namespace OrleansQueue.Grains.Partitions;

/// <summary>
/// Cancellations that found no waiting call. Most belong to calls that completed just before; a few arrive ahead of
/// their call, which must then end at once instead of waiting. Each is kept for a minute, far longer than a call travels.
/// </summary>
internal sealed class EarlyCancellations
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);

    // The operations still remembered.
    private readonly HashSet<Guid> operations = [];

    // Every remembered cancellation with the time it is forgotten, oldest first; some may already be claimed.
    private readonly Queue<(Guid Operation, long ForgetAt)> byAge = new();

    public void Add(Guid operationId)
    {
        var now = Environment.TickCount64;
        while (byAge.TryPeek(out var oldest) && oldest.ForgetAt <= now)
        {
            operations.Remove(byAge.Dequeue().Operation);
        }

        if (operations.Add(operationId))
        {
            byAge.Enqueue((operationId, now + (long)KeepFor.TotalMilliseconds));
        }
    }

    /// <summary>Claims the cancellation of an operation, if one came early.</summary>
    public bool Claim(Guid operationId) => operations.Count > 0 && operations.Remove(operationId);
}
