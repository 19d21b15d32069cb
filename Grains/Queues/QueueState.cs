namespace OrleansQueue.Grains.Queues;

/// <summary>What the queue grain stores.</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueState")]
public sealed class QueueState
{
    /// <summary>The queue; <c>null</c> until it is created, and again once it is deleted.</summary>
    [Id(0)]
    public QueueInfo? Info { get; set; }

    /// <summary>The keys of the live partitions (empty string for the default partition).</summary>
    [Id(1)]
    public HashSet<string> LivePartitions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>For an ephemeral queue, when it is deleted unless its owner sends a heartbeat first (C25).</summary>
    [Id(2)]
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}
