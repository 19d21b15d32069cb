namespace OrleansQueue;

/// <summary>What a queue is: its id, its name and where and when it was made (C26).</summary>
/// <param name="Id">The queue's opaque id (<c>qu-…</c>); a re-created name gets a new one.</param>
/// <param name="Name">The queue's name, or <c>null</c> for an anonymous (ephemeral) queue.</param>
/// <param name="Environment">The environment the name belongs to.</param>
/// <param name="CreatedAt">When the queue was created.</param>
/// <param name="CreatedBy">The machine and user of the client that created it.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.QueueInfo")]
public sealed record QueueInfo(string Id, string? Name, string Environment, DateTimeOffset CreatedAt, string CreatedBy);
