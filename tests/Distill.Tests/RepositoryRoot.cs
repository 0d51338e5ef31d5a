namespace Distill.Tests;

/// <summary>The repository checkout the tests run from (the folder holding Research.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Research.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Research.sln above {AppContext.BaseDirectory}");
    }
}
