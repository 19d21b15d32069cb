namespace OrleansQueue.Silo;

/// <summary>Where the silo listens and which cluster it joins (configuration section <c>Silo</c>).</summary>
internal sealed class SiloSettings
{
    public const string SectionName = "Silo";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The cluster's id: clients must name the same one.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The service's id, which keys stored state.</summary>
    public string ServiceId { get; set; } = "OrleansQueue";
}
