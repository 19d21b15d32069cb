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

    /// <summary>Where queues are kept: <c>memory</c> (the default) or <c>azure</c>, durably in Azure Storage.</summary>
    public string Storage { get; set; } = "memory";

    /// <summary>How silos find each other: <c>localhost</c> (one machine, the default) or <c>azure</c> (an Azure table).</summary>
    public string Clustering { get; set; } = "localhost";

    /// <summary>The Azure Storage connection string; by default Azurite on this machine.</summary>
    public string AzureStorage { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Where metrics go: <c>none</c> (the default), <c>prometheus</c> (scraped from <see cref="PrometheusPort"/>), or <c>otlp</c>.</summary>
    public string Metrics { get; set; } = "none";

    /// <summary>The loopback port Prometheus scrapes <c>/metrics</c> from, when <see cref="Metrics"/> is <c>prometheus</c>.</summary>
    public int PrometheusPort { get; set; } = 9464;

    /// <summary>The OTLP collector, when <see cref="Metrics"/> is <c>otlp</c>.</summary>
    public string OtlpEndpoint { get; set; } = "http://127.0.0.1:4317";

    /// <summary>Whether to serve the Orleans Dashboard and the queue page (<c>--dashboard</c>).</summary>
    public bool Dashboard { get; set; }

    /// <summary>The loopback port of the dashboard and the queue page.</summary>
    public int DashboardPort { get; set; } = 8080;
}
