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

    /// <summary>
    /// How long a get keeps asking again after its call failed on the way (a silo died, a connection broke, a call timed
    /// out), with the same operation, so that a durable partition gives it the items it already took (C31). After this
    /// the failure is thrown; a storage failure is asked again three times only, since an unreadable record stays so.
    /// Puts are not asked again: a put whose call failed may or may not have been stored.
    /// </summary>
    public TimeSpan FailoverTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Who creates queues, as <see cref="QueueInfo.CreatedBy"/> shows it; by default <c>user@machine</c>.</summary>
    public string CreatedBy { get; set; } = $"{Environment.UserName}@{Environment.MachineName}";
}
