namespace OrleansQueue;

/// <summary>How the client talks to the silos (configuration section <c>OrleansQueue:Client</c>).</summary>
public sealed class QueueClientOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "OrleansQueue:Client";

    /// <summary>
    /// The longest one call may wait in the silo before the client asks again, keeping its place in line. It must stay
    /// below Orleans' response timeout; <c>null</c> (the default) takes half of it.
    /// </summary>
    public TimeSpan? MaxServerWait { get; set; }

    /// <summary>Who creates queues, as <see cref="QueueInfo.CreatedBy"/> shows it; by default <c>user@machine</c>.</summary>
    public string CreatedBy { get; set; } = $"{Environment.UserName}@{Environment.MachineName}";
}
