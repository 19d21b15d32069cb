namespace OrleansQueue;

/// <summary>How messages name a queue and a partition, the same way whether the client or a silo writes them.</summary>
public static class QueueText
{
    /// <summary>Names a queue and one of its partitions, for example <c>queue 'jobs' (qu-1f…), partition 'eu'</c>.</summary>
    /// <param name="name">The queue's name, or <c>null</c> for an anonymous queue.</param>
    /// <param name="id">The queue's id.</param>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <returns>The description.</returns>
    public static string Describe(string? name, string id, string? partition) =>
        $"{Describe(name, id)}, {(partition is null ? "default partition" : $"partition '{partition}'")}";

    /// <summary>Names a queue, for example <c>queue 'jobs' (qu-1f…)</c>.</summary>
    /// <param name="name">The queue's name, or <c>null</c> for an anonymous queue.</param>
    /// <param name="id">The queue's id.</param>
    /// <returns>The description.</returns>
    public static string Describe(string? name, string id) =>
        name is null ? $"queue {id}" : $"queue '{name}' ({id})";
}
