package io.forewarn.alerts.surveys;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.Instant;

/**
 * The satisfaction survey after a resolution: only the customer of the ticket's device answers, once; planners and
 * admins read all answers, the customer their own; technicians none.
 */
public final class SurveyRoutes {
    private final Database database;
    private final Clock clock;

    public SurveyRoutes(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("answerSurvey").addHandler(this::answer);
        builder.getRoute("getTicketSurvey").addHandler(this::get);
        builder.getRoute("listSurveys").addHandler(this::list);
    }

    private void answer(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        if (caller.role() != Role.CUSTOMER) {
            throw ApiProblem.forbidden("only the customer of the device answers its survey");
        }
        RequestParams params = RequestParams.of(rc);
        String ticketId = params.path("ticketId");
        JsonObject body = params.body();
        var answer = new SurveyQueries.Answer(body.getInteger("csat"), body.getInteger("nps"), body.getString("comment"));
        Instant now = clock.instant();
        database.query(c -> SurveyQueries.answer(c, caller, ticketId, answer, now))
                .onSuccess(survey -> Responses.json(rc, 201, survey))
                .onFailure(rc::fail);
    }

    private void get(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        if (caller.role() == Role.TECHNICIAN) {
            throw ApiProblem.forbidden("technicians do not read survey answers");
        }
        String ticketId = RequestParams.of(rc).path("ticketId");
        database.query(c -> SurveyQueries.get(c, caller, ticketId))
                .onSuccess(survey -> survey.ifPresentOrElse(
                        s -> Responses.ok(rc, s),
                        () -> rc.fail(ApiProblem.notFound("no survey answer for ticket " + ticketId))))
                .onFailure(rc::fail);
    }

    private void list(RoutingContext rc) {
        Caller.of(rc).requireStaff();
        RequestParams params = RequestParams.of(rc);
        Instant from = params.queryInstant("from");
        Instant to = params.queryInstant("to");
        var page = params.page();
        database.query(c -> SurveyQueries.list(c, from, to, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }
}
