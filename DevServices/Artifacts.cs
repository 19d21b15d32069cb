namespace OrleansQueue.DevServices;

/// <summary>Finds the build output of a sibling project, built in the same configuration as the caller.</summary>
public static class Artifacts
{
    /// <summary>The path of <paramref name="assembly"/> in <c>&lt;repo&gt;/&lt;project&gt;/bin/&lt;Configuration&gt;/&lt;framework&gt;</c>.</summary>
    public static string Locate(string project, string assembly)
    {
        // The caller runs from <repo>/<Caller>/bin/<Configuration>/<framework>.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, project, "bin", configuration, output.Name, assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} in {configuration} first.", path);
    }
}
