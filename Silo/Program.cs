using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansQueue.Grains.Hosting;
using OrleansQueue.Silo;

// Configuration comes from appsettings.json, then OQ_-prefixed environment variables (OQ_Silo__GatewayPort=30001),
// then the command line (--Silo:GatewayPort=30001, or --storage azure): the last one wins.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration
    .AddEnvironmentVariables("OQ_")
    .AddCommandLine(args, new Dictionary<string, string> { ["--storage"] = "Silo:Storage", ["--clustering"] = "Silo:Clustering" });
var settings = builder.Configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
var durable = IsChoice(settings.Storage, "memory", "azure", nameof(settings.Storage));
var sharedClustering = IsChoice(settings.Clustering, "localhost", "azure", nameof(settings.Clustering));

builder.UseOrleans(silo =>
{
    var tables = new TableServiceClient(settings.AzureStorage);
    if (sharedClustering)
    {
        silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            })
            .ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort)
            .UseAzureStorageClustering(options => options.TableServiceClient = tables);
    }
    else
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
    }

    if (durable)
    {
        silo.UseAzureQueueStorage(new BlobServiceClient(settings.AzureStorage), tables);
    }
    else
    {
        silo.UseInMemoryQueueStorage();
    }

    silo.AddOrleansQueues();
});

builder.AddMetricsExport(settings);

using var host = builder.Build();
await host.StartAsync();
host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansQueue.Silo")
    .Ready(settings.GatewayPort, settings.ClusterId, settings.ServiceId, durable ? "Azure Storage" : "in-memory");
await host.WaitForShutdownAsync();

// A setting with two values: whether it names the alternative; anything but the two is a mistake worth stopping for.
static bool IsChoice(string value, string standard, string alternative, string setting) =>
    value.Equals(alternative, StringComparison.OrdinalIgnoreCase)
    || (value.Equals(standard, StringComparison.OrdinalIgnoreCase)
        ? false
        : throw new ArgumentException($"Silo:{setting} is '{value}'; use '{standard}' (the default) or '{alternative}'."));
