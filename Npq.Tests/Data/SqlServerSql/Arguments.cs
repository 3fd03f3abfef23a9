using System.Collections;
using System.Reflection;

namespace Npq.Tests.Data.SqlServerSql;

/// <summary>
/// Made-up arguments for a repository method: numbers 1, text "x", today's dates, the first value of an enum, lists
/// of two, and objects built through their widest constructor with their settable properties filled the same way.
/// The values do not matter to the SQL, except that lists are non-empty (Dapper expands <c>IN @Ids</c>).
/// </summary>
internal static class Arguments
{
    public static bool TryMake(MethodInfo method, out object?[] arguments)
    {
        var made = new List<object?>();
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType.IsByRef || typeof(Delegate).IsAssignableFrom(parameter.ParameterType))
            {
                arguments = [];
                return false;
            }

            made.Add(Make(parameter.ParameterType, 0));
        }

        arguments = [.. made];
        return true;
    }

    /// <summary>
    /// The same arguments once for each other value of every enum among them (directly, or a property of an argument
    /// such as a report filter's sort), since SQL built from a choice differs by the choice.
    /// </summary>
    public static IEnumerable<object?[]> Variants(object?[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is Enum value)
            {
                foreach (var other in Enum.GetValues(value.GetType()).Cast<object>().Skip(1))
                {
                    var copy = (object?[])arguments.Clone();
                    copy[i] = other;
                    yield return copy;
                }
            }
            else if (arguments[i] is { } argument && !argument.GetType().IsPrimitive && argument is not string)
            {
                foreach (var property in argument.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsEnum))
                {
                    var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                    foreach (var other in Enum.GetValues(enumType).Cast<object>())
                    {
                        var changed = Build(argument.GetType(), 0)!;
                        property.SetValue(changed, other);
                        var copy = (object?[])arguments.Clone();
                        copy[i] = changed;
                        yield return copy;
                    }
                }
            }
        }
    }

    private static object? Make(Type type, int depth)
    {
        if (depth > 4)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Make(inner, depth);
        }

        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double) || type == typeof(float) || type == typeof(byte))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return false;
        }

        if (type == typeof(DateTime))
        {
            return new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        }

        if (type == typeof(DateOnly))
        {
            return new DateOnly(2026, 11, 2);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromMinutes(5);
        }

        if (type == typeof(Guid))
        {
            return Guid.Parse("2f1c6b0e-4a1d-4d7e-9a43-3f7c8e2b1a90");
        }

        if (type == typeof(byte[]))
        {
            return new byte[] { 1, 2, 3 };
        }

        if (typeof(Stream).IsAssignableFrom(type))
        {
            return new MemoryStream([1, 2, 3]);
        }

        if (type.IsArray)
        {
            return ListOf(type.GetElementType()!, depth, array: true);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var generic
            && (generic == typeof(IEnumerable<>) || generic == typeof(IReadOnlyList<>) || generic == typeof(IReadOnlyCollection<>)
                || generic == typeof(IList<>) || generic == typeof(ICollection<>) || generic == typeof(List<>)))
        {
            return ListOf(type.GetGenericArguments()[0], depth, array: false);
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            || type.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
        {
            var args = type.GetGenericArguments();
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
            dictionary[Make(args[0], depth + 1)!] = Make(args[1], depth + 1);
            return dictionary;
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlySet<>) || type.GetGenericTypeDefinition() == typeof(ISet<>) || type.GetGenericTypeDefinition() == typeof(HashSet<>)))
        {
            var element = type.GetGenericArguments()[0];
            var set = Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(element))!;
            set.GetType().GetMethod("Add")!.Invoke(set, [Make(element, depth + 1)]);
            return set;
        }

        if (type.IsInterface || type.IsAbstract)
        {
            return null;
        }

        return Build(type, depth);
    }

    private static object ListOf(Type element, int depth, bool array)
    {
        var first = Make(element, depth + 1);
        var second = element == typeof(int) ? 2 : element == typeof(string) ? "y" : Make(element, depth + 1);
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        list.Add(first);
        list.Add(second);
        if (!array)
        {
            return list;
        }

        var result = Array.CreateInstance(element, list.Count);
        list.CopyTo(result, 0);
        return result;
    }

    private static object? Build(Type type, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        object? instance;
        try
        {
            instance = constructor is null
                ? (type.IsValueType ? Activator.CreateInstance(type) : null)
                : constructor.Invoke(constructor.GetParameters().Select(p => Make(p.ParameterType, depth + 1)).ToArray());
        }
        catch (TargetInvocationException)
        {
            return null;
        }

        if (instance is null)
        {
            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0))
        {
            try
            {
                if (property.GetValue(instance) is null || property.PropertyType.IsValueType)
                {
                    property.SetValue(instance, Make(property.PropertyType, depth + 1));
                }
            }
            catch (Exception ex) when (ex is TargetInvocationException or ArgumentException)
            {
                // A property that refuses a made-up value keeps its default.
            }
        }

        return instance;
    }
}
