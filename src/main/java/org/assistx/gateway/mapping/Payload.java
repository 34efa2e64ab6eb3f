package org.assistx.gateway.mapping;

import java.util.List;

/**
 * One partner answer being mapped, seen through the paths of its mapping: JSON Pointers over a JSON
 * tree or XPaths over a DOM. Items (records, the proof) are opaque to the mapper.
 */
interface Payload {

    /** The payload root, as an item from which root paths are read. */
    Object root();

    /**
     * The items at {@code path} (from the root): a list's elements, or a single item.
     *
     * @return {@code null} when nothing is at {@code path}
     */
    List<Object> selectAll(String path) throws Unreadable;

    /**
     * The single item at {@code path} (from the root).
     *
     * @return {@code null} when nothing is at {@code path}
     * @throws Unreadable when several items are there
     */
    Object selectOne(String path) throws Unreadable;

    /**
     * The trimmed text at {@code path}, relative to {@code item}.
     *
     * @return {@code null} when the value is missing, {@code null} or blank
     * @throws Unreadable when {@code path} leads to a structure or to several values instead of one
     */
    String read(Object item, String path) throws Unreadable;

    /** Why a value or item cannot be read from a payload; the mapper adds partner, field and path. */
    final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
