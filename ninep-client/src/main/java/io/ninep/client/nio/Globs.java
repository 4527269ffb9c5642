package io.ninep.client.nio;

import java.util.regex.PatternSyntaxException;

/**
 * Glob patterns ({@link java.nio.file.FileSystem#getPathMatcher}) as regular expressions, with
 * the syntax the JDK documents: {@code *} any characters within a name, {@code **} across
 * names, {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!a-z]} (never
 * matching '/'), {@code {one,two}} (not nested), and {@code \} quoting the next character.
 */
final class Globs {
    private Globs() {}

    private static final String REGEX_SPECIAL = "\\^$.|?*+()[]{}";

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder("^");
        boolean inGroup = false;
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i == n) {
                        throw new PatternSyntaxException("nothing to quote after '\\'", glob, i - 1);
                    }
                    literal(re, glob.charAt(i++));
                }
                case '*' -> {
                    if (i < n && glob.charAt(i) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> i = bracket(glob, i, re);
                case '{' -> {
                    if (inGroup) {
                        throw new PatternSyntaxException("groups cannot be nested", glob, i - 1);
                    }
                    re.append("(?:(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        re.append("))");
                        inGroup = false;
                    } else {
                        literal(re, c);
                    }
                }
                case ',' -> {
                    if (inGroup) {
                        re.append(")|(?:");
                    } else {
                        literal(re, c);
                    }
                }
                default -> literal(re, c);
            }
        }
        if (inGroup) {
            throw new PatternSyntaxException("missing '}'", glob, n);
        }
        return re.append('$').toString();
    }

    /** A bracket expression starting after its '['; returns the index after its ']'. */
    private static int bracket(String glob, int start, StringBuilder re) {
        int n = glob.length();
        int i = start;
        boolean negated = i < n && glob.charAt(i) == '!';
        if (negated) {
            i++;
        }
        StringBuilder chars = new StringBuilder();
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == ']' && !chars.isEmpty()) {
                // Never '/': a range such as [ -0] would include it.
                re.append(negated ? "[^/" + chars + "]" : "[" + chars + "&&[^/]]");
                return i;
            }
            if (c == '/') {
                throw new PatternSyntaxException("'/' cannot be in a bracket expression", glob, i - 1);
            }
            if (c == '\\') {
                if (i == n) {
                    break;
                }
                c = glob.charAt(i++);
                chars.append('\\');
            } else if (c == '[' || c == '&' || c == '^' || c == ']'
                    || c == '-' && i < n && glob.charAt(i) == ']') {   // a last '-' is itself
                chars.append('\\');
            }
            chars.append(c);
        }
        throw new PatternSyntaxException("missing ']'", glob, start - 1);
    }

    private static void literal(StringBuilder re, char c) {
        if (REGEX_SPECIAL.indexOf(c) >= 0) {
            re.append('\\');
        }
        re.append(c);
    }
}
