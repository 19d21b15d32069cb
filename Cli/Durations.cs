using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansQueue.Cli;

/// <summary>Durations as people type them: <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, or <c>00:10:00</c>.</summary>
internal static partial class Durations
{
    public static TimeSpan Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
            return match.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UserErrorException($"'{text}' is not a duration: write 500ms, 30s, 10m, 2h or hh:mm:ss.");
    }

    [GeneratedRegex("^(?<amount>[0-9]+(\\.[0-9]+)?)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
