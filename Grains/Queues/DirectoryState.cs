namespace OrleansQueue.Grains.Queues;

/// <summary>What the directory grain of an environment stores.</summary>
[GenerateSerializer, Alias("OrleansQueue.DirectoryState")]
public sealed class DirectoryState
{
    /// <summary>The named queues of the environment, by name.</summary>
    [Id(0)]
    public Dictionary<string, QueueInfo> Queues { get; set; } = new(StringComparer.Ordinal);
}
