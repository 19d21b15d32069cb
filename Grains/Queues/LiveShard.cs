namespace OrleansQueue.Grains.Queues;

/// <summary>One stored shard of a queue's live partition keys: a join or a leave rewrites its shard, never the whole set.</summary>
[GenerateSerializer, Alias("OrleansQueue.LiveShard")]
public sealed class LiveShard
{
    /// <summary>The live keys that hash to this shard (empty string for the default partition).</summary>
    [Id(0)]
    public HashSet<string> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Which shards of a queue's live partition keys may hold keys, so that activation reads only those.</summary>
[GenerateSerializer, Alias("OrleansQueue.LiveShardIndex")]
public sealed class LiveShardIndex
{
    /// <summary>The shard numbers written so far.</summary>
    [Id(0)]
    public HashSet<int> Shards { get; set; } = [];
}
