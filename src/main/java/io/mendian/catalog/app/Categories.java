package io.mendian.catalog.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogChanged;
import io.mendian.catalog.api.CategoryRequest;
import io.mendian.catalog.api.CategoryView;
import io.mendian.catalog.persistence.CategoryEntity;
import io.mendian.catalog.persistence.ProductEntity;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.ProblemException;

/** The brand's category tree: create, rename, move and delete without a cycle; every change bumps the catalogue. */
@ApplicationScoped
@Transactional
public class Categories {

    private final EntityManager em;
    private final Event<CatalogChanged> changes;
    private final TenantContext tenant;

    public Categories(EntityManager em, Event<CatalogChanged> changes, TenantContext tenant) {
        this.em = em;
        this.changes = changes;
        this.tenant = tenant;
    }

    public List<CategoryView> categories() {
        return CategoryEntity.<CategoryEntity>list("order by sort, code").stream()
                .map(Categories::view)
                .toList();
    }

    public CategoryView createCategory(CategoryRequest request, String who) {
        requireUniqueCategoryCode(request.code(), null);
        requireExists(request.parentId(), "parent category");
        CategoryEntity category = new CategoryEntity();
        category.createdAt = now();
        category.createdBy = who;
        applyCategory(category, request, who);
        category.persistAndFlush();
        brandChanged();
        return view(category);
    }

    public CategoryView replaceCategory(long id, CategoryRequest request, String who) {
        CategoryEntity category = category(id);
        if (request.version() != null && request.version() != category.version) {
            throw new OptimisticLockException("category " + id + " changed since you read it");
        }
        requireUniqueCategoryCode(request.code(), id);
        requireExists(request.parentId(), "parent category");
        if (request.parentId() != null && subtree(id).contains(request.parentId())) {
            throw ProblemException.conflict("category-cycle", "a category cannot move below itself or its own subtree");
        }
        applyCategory(category, request, who);
        category.persistAndFlush();
        brandChanged();
        return view(category);
    }

    public void deleteCategory(long id) {
        CategoryEntity category = category(id);
        if (CategoryEntity.count("parentId", id) > 0 || ProductEntity.count("categoryId", id) > 0) {
            throw ProblemException.conflict(
                    "category-not-empty", "category " + id + " still has sub-categories or products");
        }
        category.delete();
        brandChanged();
    }

    /** The category and every category below it. */
    public Set<Long> subtree(long root) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("with recursive sub(id) as (select id from category where id = :root "
                        + "union select c.id from category c join sub on c.parent_id = sub.id) select id from sub")
                .setParameter("root", root)
                .getResultList();
        Set<Long> result = new HashSet<>();
        ids.forEach(n -> result.add(n.longValue()));
        return result;
    }

    /** A 422 problem naming {@code what} unless the category exists (null is fine: no category given). */
    public void requireExists(Long id, String what) {
        if (id != null && CategoryEntity.findById(id) == null) {
            throw ProblemException.unprocessable("unknown-category", what + " " + id + " does not exist");
        }
    }

    private void brandChanged() {
        changes.fire(new CatalogChanged(tenant.require(), null));
    }

    private static void applyCategory(CategoryEntity category, CategoryRequest request, String who) {
        category.code = request.code();
        category.name = request.name().strip();
        category.parentId = request.parentId();
        category.sort = request.sort() == null ? 0 : request.sort();
        category.updatedAt = now();
        category.updatedBy = who;
    }

    private static CategoryEntity category(long id) {
        CategoryEntity category = CategoryEntity.findById(id);
        if (category == null) {
            throw ProblemException.notFound("category " + id);
        }
        return category;
    }

    private static void requireUniqueCategoryCode(String code, Long self) {
        CategoryEntity other = CategoryEntity.find("code", code).firstResult();
        if (other != null && !Objects.equals(other.id, self)) {
            throw ProblemException.conflict("duplicate-category-code", "category code " + code + " is already used")
                    .with("code", code);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static CategoryView view(CategoryEntity c) {
        return new CategoryView(c.id, c.parentId, c.code, c.name, c.sort, c.version);
    }
}
