namespace OrleansQueue.Grains.Queues;

/// <summary>What the queue grain stores.</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueState")]
public sealed class QueueState
{
    /// <summary>The queue; <c>null</c> until the directory creates it.</summary>
    [Id(0)]
    public QueueInfo? Info { get; set; }

    /// <summary>The keys of the live partitions (empty string for the default partition).</summary>
    [Id(1)]
    public HashSet<string> LivePartitions { get; set; } = new(StringComparer.Ordinal);
}
