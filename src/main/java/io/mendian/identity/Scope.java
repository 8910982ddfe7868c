package io.mendian.identity;

/**
 * Where a grant applies: every store of the brand, a region subtree, or one store. Written in the token as
 * {@code all}, {@code region/<id>} or {@code store/<id>}.
 */
public sealed interface Scope {

    record All() implements Scope {
        @Override
        public String claim() {
            return "all";
        }
    }

    record Region(long regionId) implements Scope {
        @Override
        public String claim() {
            return "region/" + regionId;
        }
    }

    record Store(long storeId) implements Scope {
        @Override
        public String claim() {
            return "store/" + storeId;
        }
    }

    String claim();

    static Scope parse(String claim) {
        if ("all".equals(claim)) {
            return new All();
        }
        int slash = claim.indexOf('/');
        if (slash > 0 && slash < claim.length() - 1 && claim.length() - slash <= 19) {
            String kind = claim.substring(0, slash);
            long id;
            try {
                id = Long.parseLong(claim.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad scope " + claim);
            }
            if (id > 0 && "region".equals(kind)) {
                return new Region(id);
            }
            if (id > 0 && "store".equals(kind)) {
                return new Store(id);
            }
        }
        throw new IllegalArgumentException("bad scope " + claim);
    }
}
