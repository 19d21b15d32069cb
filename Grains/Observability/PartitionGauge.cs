namespace OrleansQueue.Grains.Observability;

/// <summary>
/// What one partition activation shows the metrics: written by the partition after each change, read by the meter's
/// callbacks on another thread. Each field is one word, so a reader sees each value whole, if not all from one instant.
/// </summary>
internal sealed class PartitionGauge(string queue)
{
    /// <summary>The queue's name, or its id for an anonymous queue: the <c>queue</c> tag.</summary>
    public string Queue { get; } = queue;

    public long Items;

    public long Bytes;

    /// <summary>When the oldest item was stored (UTC ticks), or 0 when there is none.</summary>
    public long OldestStoredAt;

    public long WaitingGetters;

    public long WaitingPutters;
}
