using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Cerchio.Web.Composition;

namespace Cerchio.Tests.Platform;

/// <summary>Modules talk to each other only through their Contracts; the host composes them the same way.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly[] Modules = CerchioApp.ModuleAssemblies;

    public static TheoryData<string> Consumers() =>
        new(Modules.Select(m => m.GetName().Name!).Append(typeof(CerchioApp).Assembly.GetName().Name!));

    [Theory]
    [MemberData(nameof(Consumers))]
    public void Assembly_UsesOtherModulesOnlyThroughTheirContracts(string consumer)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == consumer);
        var violations = ReferencedTypes(assembly)
            .Where(t => t.Assembly != consumer && Modules.Any(m => m.GetName().Name == t.Assembly))
            .Where(t => !t.Namespace.StartsWith(t.Assembly + ".Contracts", StringComparison.Ordinal)
                && !(t.Namespace == t.Assembly && t.Name.EndsWith("Module", StringComparison.Ordinal)))   // the module's one entry point
            .Select(t => $"{t.Namespace}.{t.Name} (from {t.Assembly})")
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, $"{consumer} reaches into other modules:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void ModuleInternals_AreNotVisibleToOtherModules()
    {
        foreach (var module in Modules)
        {
            var friends = module.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName);
            Assert.All(friends, f => Assert.Equal("Cerchio.Tests", f));
        }
    }

    [Fact]
    public void ModulePublicTypes_AreContractsPagesOrTheEntryPoint()
    {
        foreach (var module in Modules)
        {
            var name = module.GetName().Name!;
            var leaks = module.GetExportedTypes()
                .Where(t => !t.Namespace!.StartsWith(name + ".Contracts", StringComparison.Ordinal)
                    && !typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t)   // Razor components are public by construction
                    && !(t.Namespace == name && t.Name.EndsWith("Module", StringComparison.Ordinal))
                    && !t.Name.EndsWith("FormInput", StringComparison.Ordinal)   // form models: parameters of public Razor components
                    && t.Name != "_Imports")
                .Select(t => t.FullName)
                .ToList();
            Assert.True(leaks.Count == 0, $"{name} exposes types outside Contracts:\n" + string.Join("\n", leaks));
        }
    }

    private sealed record TypeRef(string Assembly, string Namespace, string Name);

    /// <summary>Every type the assembly's code refers to in another assembly, read from its metadata (what the compiler bound).</summary>
    private static IEnumerable<TypeRef> ReferencedTypes(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var result = new List<TypeRef>();
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            var scope = type.ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                var outer = reader.GetTypeReference((TypeReferenceHandle)scope);
                type = outer;   // nested types: judge by the outermost type's namespace
                scope = outer.ResolutionScope;
            }

            if (scope.Kind == HandleKind.AssemblyReference)
            {
                var target = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
                result.Add(new TypeRef(target, reader.GetString(type.Namespace), reader.GetString(type.Name)));
            }
        }

        return result;
    }
}
