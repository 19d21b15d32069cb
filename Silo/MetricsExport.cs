using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OrleansQueue.Grains.Observability;

namespace OrleansQueue.Silo;

/// <summary>Exports the OrleansQueue meter, and Orleans' own, through OpenTelemetry.</summary>
internal static class MetricsExport
{
    public static void AddMetricsExport(this IHostApplicationBuilder builder, SiloSettings settings)
    {
        var exporter = settings.Metrics.ToUpperInvariant() switch
        {
            "NONE" => null,
            "PROMETHEUS" => (Action<MeterProviderBuilder>)(metrics => metrics.AddPrometheusHttpListener(options =>
            {
                options.Host = "127.0.0.1";
                options.Port = settings.PrometheusPort;
            })),
            "OTLP" => metrics => metrics.AddOtlpExporter(options => options.Endpoint = new Uri(settings.OtlpEndpoint)),
            _ => throw new ArgumentException($"Silo:Metrics is '{settings.Metrics}'; use 'none' (the default), 'prometheus' or 'otlp'."),
        };
        if (exporter is not null)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                metrics.AddMeter(QueueMetrics.MeterName, "Microsoft.Orleans");
                exporter(metrics);
            });
        }
    }
}
