namespace OrleansQueue.Grains;

/// <summary>How one server-side wait of a put or a get ended.</summary>
[GenerateSerializer, Alias("OrleansQueue.WaitOutcome")]
public enum WaitOutcome
{
    /// <summary>The put stored its items, or the get received items.</summary>
    Completed,

    /// <summary>The wait ran out; the caller keeps its place in line through its ticket if it asks again.</summary>
    TimedOut,

    /// <summary>The caller cancelled the operation before it completed: nothing was stored or removed.</summary>
    Cancelled,
}
