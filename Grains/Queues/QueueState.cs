namespace OrleansQueue.Grains.Queues;

/// <summary>What the queue grain stores.</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueState")]
public sealed class QueueState
{
    /// <summary>The queue; <c>null</c> until it is created, and again once it is deleted.</summary>
    [Id(0)]
    public QueueInfo? Info { get; set; }

    // Id 1 held the live partition keys; they are stored as shards of their own now (see LiveShard).

    /// <summary>For an ephemeral queue, when it is deleted unless its owner sends a heartbeat first (C25).</summary>
    [Id(2)]
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}
