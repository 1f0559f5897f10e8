package dev.cobra.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into plain maps, lists and scalars, remembering the line of every key and value
 * so validators can say where a problem is. Shared by the config and IVR flow loaders.
 *
 * <p>Paths are dotted keys with list indexes in brackets: {@code database.url}, {@code nodes[2].id}.
 */
public final class YamlTree {
    /** Documents larger than this are refused before parsing. */
    public static final int MAX_CHARS = 1 << 20;

    private final String file;
    private final Object root;
    private final Map<String, Integer> lines;

    private YamlTree(String file, Object root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /**
     * Parses a YAML document.
     *
     * @throws ConfigException naming the file and line of a syntax error
     */
    public static YamlTree parse(String file, String text) {
        if (text.length() > MAX_CHARS) {
            throw new ConfigException(List.of(new ConfigException.Problem(file, 1, "", "file larger than " + MAX_CHARS + " characters")));
        }
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            Object root = first == null ? new LinkedHashMap<String, Object>() : read(p, "", lines);
            return new YamlTree(file, root, lines);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigException(List.of(new ConfigException.Problem(file, loc == null ? 1 : loc.getLineNr(), "",
                    "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(file, 1, "", "could not be read: " + e.getMessage())));
        }
    }

    private static Object read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String child = path.isEmpty() ? key : path + "." + key;
                int line = p.currentTokenLocation().getLineNr();
                if (map.containsKey(key)) {
                    throw new JsonProcessingException("duplicate key '" + key + "'", p.currentTokenLocation()) {};
                }
                lines.put(child, line);
                p.nextToken();
                map.put(key, read(p, child, lines));
                lines.put(child, line);
            }
            return map;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(p, path + "[" + i++ + "]", lines));
            }
            return list;
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return p.getText();
    }

    public String file() {
        return file;
    }

    public Object root() {
        return root;
    }

    /** The line of a path, or of its nearest ancestor that exists. */
    public int line(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return lines.getOrDefault("", 1);
            }
            p = p.substring(0, cut);
        }
    }
}
