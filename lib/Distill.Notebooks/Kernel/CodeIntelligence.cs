using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Distill.Notebooks.Kernel;

/// <summary>Completion candidates replacing the text between <paramref name="Start"/> and <paramref name="End"/> (UTF-16 offsets).</summary>
public sealed record Completions(IReadOnlyList<string> Matches, int Start, int End);

/// <summary>
/// Completion, inspection and the is-complete check for the kernel, from Roslyn's compiler APIs. The cell is
/// compiled as the next submission after the cells run so far, so variables and <c>#r</c> assemblies of earlier
/// cells are known. Completion lists the symbols in scope (after a dot: the members of the expression's type,
/// extension methods included) that start with the word under the cursor; it does not rank or filter by type as an
/// IDE would (that needs Roslyn's workspace layer, which is not used here).
/// </summary>
public sealed class CodeIntelligence(NotebookSession session)
{
    const int MaxMatches = 300;

    /// <summary>Whether the code is a whole submission (Jupyter consoles ask before running on Enter).</summary>
    public static bool IsComplete(string code) =>
        SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(CellSource.StripMagics(code), CSharpParseOptions.Default.WithKind(SourceCodeKind.Script)));

    public Completions Complete(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var (model, tree) = Analyse(code);
        IEnumerable<ISymbol> symbols;
        var beforeWord = start - 1;
        while (beforeWord >= 0 && char.IsWhiteSpace(code[beforeWord])) beforeWord--;
        if (beforeWord >= 0 && code[beforeWord] == '.' &&
            tree.GetRoot().FindToken(beforeWord).Parent is MemberAccessExpressionSyntax access)
            symbols = MembersOf(model, access.Expression, start);
        else
            symbols = model.LookupSymbols(start);
        var matches = symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Name).Distinct(StringComparer.Ordinal)
            .OrderBy(n => !n.StartsWith(prefix, StringComparison.Ordinal)).ThenBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Take(MaxMatches).ToList();
        return new Completions(matches, start, cursor);
    }

    /// <summary>Signature and documentation of the symbol at the cursor, or null when there is none.</summary>
    public string? Inspect(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, tree) = Analyse(code);
        var root = tree.GetRoot();
        foreach (var position in new[] { cursor, cursor - 1 }.Where(p => p >= 0 && p < code.Length))
        {
            var token = root.FindToken(position);
            for (var node = token.Parent; node is not null && node is not StatementSyntax; node = node.Parent)
            {
                var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault()
                    ?? model.GetDeclaredSymbol(node) ?? model.GetTypeInfo(node).Type;
                if (symbol is null) continue;
                var text = $"{symbol.Kind.ToString().ToLowerInvariant()} {symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}";
                var type = symbol switch
                {
                    ILocalSymbol l => l.Type, IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, IParameterSymbol p => p.Type, _ => null,
                };
                if (type is not null) text += $"\ntype: {type.ToDisplayString()}";
                var docs = symbol.GetDocumentationCommentXml(CultureInfo.InvariantCulture);
                if (!string.IsNullOrWhiteSpace(docs)) text += "\n" + docs.Trim();
                return text;
            }
        }
        return null;
    }

    (SemanticModel Model, SyntaxTree Tree) Analyse(string code)
    {
        var source = CellSource.StripMagics(code); // same length per line, so offsets stay valid
        var script = session.LastScript is { } previous
            ? previous.ContinueWith(source, session.ScriptOptions)
            : CSharpScript.Create(source, session.ScriptOptions, typeof(NotebookGlobals));
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree), tree);
    }

    static IEnumerable<ISymbol> MembersOf(SemanticModel model, ExpressionSyntax expression, int position)
    {
        var symbol = model.GetSymbolInfo(expression).Symbol;
        if (symbol is INamespaceOrTypeSymbol container)
            return model.LookupSymbols(position, container).Where(s => s.IsStatic || s is INamespaceOrTypeSymbol);
        var type = model.GetTypeInfo(expression).Type;
        return type is null ? [] : model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic);
    }
}
